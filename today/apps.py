from django.apps import AppConfig


class TodayConfig(AppConfig):
    """The professionals' home ("Vandaag"): what each role has to do today, composed from the
    questions each app answers. It sits above every app it asks, so none of them knows it."""

    name = "today"
    verbose_name = "Vandaag"
