"""Questions the cases app answers, always on behalf of a user.

Callers have passed the access gate (`cases.access.get_case_for_user`) for anything about one
case; the lists filter on the derived object permissions themselves. Nothing here writes.
"""
