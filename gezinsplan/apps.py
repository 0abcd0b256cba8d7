from django.apps import AppConfig


class GezinsplanConfig(AppConfig):
    name = "gezinsplan"
    verbose_name = "Gezinsplan"

    def ready(self) -> None:
        from gezinsplan import receivers

        receivers.register()
