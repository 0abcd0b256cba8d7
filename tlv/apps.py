from django.apps import AppConfig


class TlvConfig(AppConfig):
    name = "tlv"
    verbose_name = "TLV"

    def ready(self) -> None:
        from tlv import receivers

        receivers.register()
