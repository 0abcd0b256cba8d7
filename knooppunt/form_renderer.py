"""The project-wide form renderer: every form, with or without UtrechtFormMixin, renders through
templates/forms/utrecht.html (error summary, Utrecht form fields, "(niet verplicht)")."""

from django.forms.renderers import TemplatesSetting


class KnooppuntFormRenderer(TemplatesSetting):
    form_template_name = "forms/utrecht.html"
