from typing import Any, NoReturn

from django.template.loader import render_to_string


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    # PDF templates carry their styles inline; a PDF of pupil data never fetches anything.
    raise ValueError(f"PDF rendering does not fetch {url}")


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render a template to PDF bytes. WeasyPrint is imported on first use, so commands and
    tests that never print do not pay for it; a web process warms it up when it starts."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def warm_up() -> None:
    """Import WeasyPrint and lay out one small page, so that the first PDF a user asks for
    after a web process starts costs what every later one does (docs/benchmarks.md, "PDF")."""
    from weasyprint import HTML

    HTML(string="<p>Knooppunt</p>", url_fetcher=_refuse_fetch).write_pdf()
