"""THROWAWAY STUB (read-side helper): replaced by the helper who owns this module."""

from django.http import Http404


def case_consent(request, *args, **kwargs):
    raise Http404


def consent_add(request, *args, **kwargs):
    raise Http404


def legal_basis_add(request, *args, **kwargs):
    raise Http404


def legal_basis_end(request, *args, **kwargs):
    raise Http404
