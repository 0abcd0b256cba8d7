from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Overleggen"

    def ready(self) -> None:
        from meetings import demo, receivers  # noqa: F401  (demo connects its receiver)

        receivers.register()
