from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
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

admin.site.site_header = _("Knooppunt – functioneel beheer")
admin.site.site_title = _("Knooppunt beheer")
admin.site.index_title = _("Organisaties en accounts")


class ProfessionalInline(admin.TabularInline):
    model = Professional
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "kind", "is_active", "is_staff"]
    list_filter = ["kind", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [ProfessionalInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "kind"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
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


@admin.register(Professional)
class ProfessionalAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "function", "is_active"]
    list_filter = ["function", "is_active"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


class KnooppuntPartnerInline(admin.TabularInline):
    model = KnooppuntPartner
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(KnooppuntSetup)
class KnooppuntSetupAdmin(SimpleHistoryAdmin):
    list_display = ["school", "meeting_day", "start_time", "updated_at"]
    inlines = [KnooppuntPartnerInline]
