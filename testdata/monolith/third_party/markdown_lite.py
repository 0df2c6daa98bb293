"""Markdown subset: paragraphs, *em*, **strong**, `code` and [links](url)."""
import cgi
import re

_STRONG = re.compile(r'\*\*(.+?)\*\*')
_EM = re.compile(r'\*(.+?)\*')
_CODE = re.compile(r'`(.+?)`')
_LINK = re.compile(r'\[([^\]]+)\]\(([^)\s]+)\)')


def _inline(text):
    text = cgi.escape(text)
    text = _CODE.sub(r'<code>\1</code>', text)
    text = _STRONG.sub(r'<strong>\1</strong>', text)
    text = _EM.sub(r'<em>\1</em>', text)
    text = _LINK.sub(r'<a href="\2">\1</a>', text)
    return text


def render(source):
    paragraphs = [p.strip() for p in source.split('\n\n')]
    html = []
    for p in paragraphs:
        if not p:
            continue
        if p.startswith('# '):
            html.append(u'<h2>%s</h2>' % _inline(p[2:]))
        else:
            html.append(u'<p>%s</p>' % _inline(p.replace('\n', ' ')))
    return u'\n'.join(html)
