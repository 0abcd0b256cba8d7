from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Organisaties en accounts"

    def ready(self) -> None:
        from partners import signals  # noqa: F401
