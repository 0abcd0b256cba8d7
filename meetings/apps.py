from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Overleggen"

    def ready(self) -> None:
        from meetings import receivers

        receivers.register()
