from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import AdviceAnswer, AdviceQuestion
from knooppunt.forms import UtrechtFormMixin
from partners.constants import SCHOOL_FUNCTIONS
from partners.models import Professional


class ExpertChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Professional) -> str:
        return f"{obj.user.get_full_name()} – {obj.get_function_display()}, {obj.organisation}"


class AdviceQuestionForm(UtrechtFormMixin, forms.ModelForm):
    experts = ExpertChoiceField(
        label=_("Deskundigen"),
        queryset=Professional.objects.filter(is_active=True, user__is_active=True)
        .exclude(function__in=SCHOOL_FUNCTIONS)
        .select_related("user", "organisation"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Zij zien alleen de vraag, niet wie het kind is."),
    )

    class Meta:
        model = AdviceQuestion
        fields = ["school", "question", "experts"]
        widgets = {"question": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, schools, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()


class AdviceAnswerForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = AdviceAnswer
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
