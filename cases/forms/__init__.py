"""Forms for changing a case: the intake of a new case, its question and status, who is
involved, regie, werkafspraken, progress and requested feedback.

Only the fields listed here are read from the request (docs/security.md target 18): the case, the
author, the school and the dates the system sets never come from a form. Related objects are
chosen by UUID, never by their sequential id. The views pass `cleaned_data` to the services;
no form here is ever saved itself.
"""
