from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Ouderportaal"

    def ready(self) -> None:
        from cases.access import CHANGE
        from cases.page_links import CaseLink, register

        register(
            CaseLink(
                label="Uitnodigen voor het ouderportaal",
                url_name="portal:guardian_invite",
                needs=CHANGE,
                tab="betrokkenen",
            )
        )
