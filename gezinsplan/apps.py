from django.apps import AppConfig


class GezinsplanConfig(AppConfig):
    name = "gezinsplan"
    verbose_name = "Gezinsplan"

    def ready(self) -> None:
        from cases.access import WAT
        from cases.page_links import CaseLink, register
        from gezinsplan import receivers

        # Whoever sees the case's content finds the plan from the case; the plan's own gate
        # then adds the consent to share it (gezinsplan/access.py).
        register(
            CaseLink(
                label="Gezinsplan", url_name="gezinsplan:plan_detail", needs=WAT, tab="overzicht"
            )
        )
        receivers.register()
