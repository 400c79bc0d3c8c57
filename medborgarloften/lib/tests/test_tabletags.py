from django.template import engines
from django.utils import translation


def render(source: str, **context: str) -> str:
    return engines["django"].from_string(source).render(context)


def test_column_heads_translate_and_escape_each_label() -> None:
    source = '{% load tables %}{% column_heads _("Namn") label %}'
    with translation.override("en"):
        html = render(source, label="<b>")
    assert html == '<th scope="col">Name</th><th scope="col">&lt;b&gt;</th>'


def test_column_heads_keep_swedish_labels_in_swedish() -> None:
    with translation.override("sv"):
        html = render('{% load tables %}{% column_heads _("Namn") _("Typ") %}')
    assert html == '<th scope="col">Namn</th><th scope="col">Typ</th>'
