"""The functional admin's site (/beheer/): organisations and accounts, never case content.

Memberships and accounts change only through the services in partners/services.py, so every
change is history-tracked with its author, refuses changes to one's own account, and leaves a
membership that gives case access waiting for a second person (docs/security.md). Rights that
would let an admin grant themselves everything (superuser, groups, permissions, the admin role
itself) are not editable here at all; operators use management commands on the server.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from partners.models import (
    KnooppuntPartner,
    KnooppuntSetup,
    Organisation,
    Professional,
    Samenwerkingsverband,
    School,
    Schoolbestuur,
    User,
)
from partners.services import (
    membership_add,
    membership_change_function,
    membership_confirm,
    membership_contact_update,
    membership_deactivate,
    user_activate,
    user_create,
    user_deactivate,
    user_update,
)

admin.site.site_header = _("Knooppunt – functioneel beheer")
admin.site.site_title = _("Knooppunt beheer")
admin.site.index_title = _("Organisaties en accounts")

# Second-factor secrets are never shown: django-otp's own admin pages show TOTP keys (and a QR
# code to copy them) and backup codes. Nobody in the app needs them; a lost phone is handled by
# the user's own backup codes.
for _device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)


def _refusal_text(refusal: Exception) -> str:
    return " ".join(getattr(refusal, "messages", None) or [str(refusal)])


def _copy_saved(target, saved) -> None:
    """Give the admin's unsaved form instance the values the service saved, so the admin's log
    entry and redirect point at the stored row."""
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False


class ProfessionalInline(admin.TabularInline):
    """An account's memberships, read-only here: they change on the membership pages."""

    model = Professional
    fk_name = "user"
    extra = 0
    fields = ["organisation", "function", "is_active", "confirmed_at", "ended_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "kind", "is_active", "is_staff"]
    list_filter = ["kind", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["is_staff", "last_login", "date_joined"]
    inlines = [ProfessionalInline]
    actions = ["deactivate_accounts"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "kind"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "first_name", "last_name", "kind", "password1", "password2"],
            },
        )
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        # One's own account is read-only here: nobody changes their own rights.
        if obj is not None and obj.pk == request.user.pk:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Accounts are deactivated, never deleted: their history and log rows name them.
        return False

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            usable = form.cleaned_data.get("usable_password", True)
            user = user_create(
                created_by=request.user,
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                kind=form.cleaned_data["kind"],
                password=form.cleaned_data.get("password1") if usable else None,
            )
            _copy_saved(obj, user)
            return
        changed = set(form.changed_data)
        details = {
            name: form.cleaned_data[name]
            for name in ("email", "first_name", "last_name", "kind")
            if name in changed
        }
        if details:
            user_update(user=obj, changed_by=request.user, **details)
        if "is_active" in changed:
            if form.cleaned_data["is_active"]:
                user_activate(user=obj, activated_by=request.user)
            else:
                user_deactivate(user=obj, deactivated_by=request.user)

    @admin.action(description=_("Geselecteerde accounts deactiveren"), permissions=["change"])
    def deactivate_accounts(self, request, queryset) -> None:
        for user in queryset:
            try:
                user_deactivate(user=user, deactivated_by=request.user)
            except PermissionDenied as refusal:
                self.message_user(request, _refusal_text(refusal), messages.ERROR)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Schoolbestuur)
class SchoolbestuurAdmin(admin.ModelAdmin):
    list_display = ["name", "bestuursnummer"]
    search_fields = ["name"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "brin", "sector", "bestuur", "samenwerkingsverband"]
    list_filter = ["sector", "samenwerkingsverband"]
    search_fields = ["name", "brin"]


class MembershipAddForm(forms.ModelForm):
    """A new membership. The actor is set per request by ProfessionalAdmin.get_form."""

    actor: User | None = None

    class Meta:
        model = Professional
        fields = ["user", "organisation", "function", "phone"]

    def clean(self) -> dict:
        cleaned = super().clean()
        user = cleaned.get("user")
        if user is not None and self.actor is not None and user.pk == self.actor.pk:
            raise ValidationError(_("Je kunt jezelf niet aan een organisatie toevoegen."))
        if (
            user is not None
            and Professional.objects.live()
            .filter(
                user=user,
                organisation=cleaned.get("organisation"),
                function=cleaned.get("function"),
            )
            .exists()
        ):
            raise ValidationError(_("Dit lidmaatschap bestaat al."))
        return cleaned

    def validate_unique(self) -> None:
        # An ended membership in the same function is reopened by membership_add; a live one
        # is refused in clean().
        pass


class MembershipStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("pending", _("Wacht op bevestiging")),
            ("active", _("Actief")),
            ("ended", _("Beëindigd")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.pending()
        if self.value() == "active":
            return queryset.filter(is_active=True)
        if self.value() == "ended":
            return queryset.exclude(pk__in=queryset.live().values("pk"))
        return queryset


@admin.register(Professional)
class ProfessionalAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "function", "status", "requested_by", "confirmed_by"]
    list_filter = [MembershipStatusFilter, "function"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    actions = ["confirm_memberships", "deactivate_memberships"]
    _state_fields = ["is_active", "requested_by", "confirmed_at", "confirmed_by", "ended_at"]

    @admin.display(description=_("status"))
    def status(self, membership: Professional) -> str:
        if membership.is_active:
            return _("Actief")
        if membership.is_pending:
            return _("Wacht op bevestiging")
        return _("Beëindigd")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "organisation", "function", "phone"]
        return ["user", "organisation", "function", "phone", *self._state_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["user", "organisation", *self._state_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = type(
                "MembershipAddForm", (MembershipAddForm,), {"actor": request.user}
            )
        return super().get_form(request, obj, change=change, **kwargs)

    def has_change_permission(self, request, obj=None) -> bool:
        # Nobody changes their own memberships.
        if obj is not None and obj.user_id == request.user.pk:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Memberships end (membership_deactivate); they are never deleted.
        return False

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            membership = membership_add(
                user=form.cleaned_data["user"],
                organisation=form.cleaned_data["organisation"],
                function=form.cleaned_data["function"],
                phone=form.cleaned_data["phone"],
                added_by=request.user,
            )
            _copy_saved(obj, membership)
            if membership.is_pending:
                self.message_user(
                    request,
                    _(
                        "Dit lidmaatschap geeft toegang tot casussen en wordt pas actief als de "
                        "directeur van de school of een andere beheerder het bevestigt."
                    ),
                    messages.WARNING,
                )
            return
        if "phone" in form.changed_data:
            membership_contact_update(
                membership=obj, phone=form.cleaned_data["phone"], changed_by=request.user
            )
        if "function" in form.changed_data:
            membership = membership_change_function(
                membership=obj, function=form.cleaned_data["function"], changed_by=request.user
            )
            if membership.is_pending:
                self.message_user(
                    request,
                    _("De nieuwe functie wordt pas actief na bevestiging door een tweede persoon."),
                    messages.WARNING,
                )

    @admin.action(description=_("Geselecteerde lidmaatschappen bevestigen"), permissions=["change"])
    def confirm_memberships(self, request, queryset) -> None:
        confirmed = 0
        for membership in queryset:
            try:
                membership_confirm(membership=membership, confirmed_by=request.user)
            except (PermissionDenied, ValidationError) as refusal:
                self.message_user(
                    request, f"{membership}: {_refusal_text(refusal)}", messages.ERROR
                )
            else:
                confirmed += 1
        if confirmed:
            self.message_user(
                request, _("%(count)d lidmaatschap(pen) bevestigd.") % {"count": confirmed}
            )

    @admin.action(description=_("Geselecteerde lidmaatschappen beëindigen"), permissions=["change"])
    def deactivate_memberships(self, request, queryset) -> None:
        for membership in queryset:
            try:
                membership_deactivate(membership=membership, deactivated_by=request.user)
            except PermissionDenied as refusal:
                self.message_user(
                    request, f"{membership}: {_refusal_text(refusal)}", messages.ERROR
                )


class KnooppuntPartnerInline(admin.TabularInline):
    model = KnooppuntPartner
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(KnooppuntSetup)
class KnooppuntSetupAdmin(SimpleHistoryAdmin):
    list_display = ["school", "meeting_day", "start_time", "updated_at"]
    inlines = [KnooppuntPartnerInline]
