"""Article rendering with a small allow-list of embeds."""
import re

import third_party.markdown_lite as markdown_lite

_EMBED_RE = re.compile(r'\[\[video:([\w-]+)\]\]')


def _embed(match):
    return (u'<div class="video-embed" data-readable-id="%s"></div>'
            % match.group(1))


def render_article(source):
    html = markdown_lite.render(source or u'')
    return _EMBED_RE.sub(_embed, html)
