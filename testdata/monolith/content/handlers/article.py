"""Article pages."""
from __future__ import absolute_import

from content.handlers import models as view_models
from content.internal.markdown_render import render_article
from content.models import Article
from shared import common
from shared.request_handler import RequestHandler


class ArticlePage(RequestHandler):
    def get(self, slug):
        article = Article.query(Article.slug == slug,
                                Article.published == True).get()
        if article is None:
            self.abort(404)
        html = render_article(article.body_markdown)
        self.render_jinja2_template('content/article.html', {
            'article': view_models.ArticleViewModel(article, html),
            'user_data': common.current_user_data(),
        })
