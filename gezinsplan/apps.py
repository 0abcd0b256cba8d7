from django.apps import AppConfig


class GezinsplanConfig(AppConfig):
    name = "gezinsplan"
    verbose_name = "Gezinsplan"
