"""THROWAWAY STUB (read-side helper): replaced by the helper who owns this module."""

from django.http import Http404


def case_new(request, *args, **kwargs):
    raise Http404


def case_edit(request, *args, **kwargs):
    raise Http404


def case_status(request, *args, **kwargs):
    raise Http404


def involvement_add(request, *args, **kwargs):
    raise Http404


def involvement_end(request, *args, **kwargs):
    raise Http404


def regie_assign(request, *args, **kwargs):
    raise Http404


def werkafspraak_add(request, *args, **kwargs):
    raise Http404


def werkafspraak_edit(request, *args, **kwargs):
    raise Http404


def progress_add(request, *args, **kwargs):
    raise Http404


def feedback_add(request, *args, **kwargs):
    raise Http404


def feedback_received(request, *args, **kwargs):
    raise Http404
