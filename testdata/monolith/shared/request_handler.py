"""Base request handler for all pages and API endpoints."""
import logging

import webapp2

from shared import common
from shared import templates


class RequestHandler(webapp2.RequestHandler):

    def request_int(self, name, default=0):
        return common.safe_int(self.request.get(name), default)

    def request_bool(self, name, default=False):
        value = self.request.get(name)
        if value == '':
            return default
        return value.lower() in ('1', 'true', 'yes', 'on')

    def render_jinja2_template(self, template_name, context=None):
        self.response.write(templates.render(template_name, context))

    def render_json(self, obj, status=200):
        self.response.status_int = status
        self.response.headers['Content-Type'] = 'application/json'
        self.response.write(common.to_json(obj))

    def handle_exception(self, exception, debug_mode):
        common.log_exception('unhandled exception in %s' %
                             self.__class__.__name__)
        if isinstance(exception, webapp2.HTTPException):
            self.response.set_status(exception.code)
            return
        logging.error('500 for %s', self.request.path)
        self.response.set_status(500)
        self.render_jinja2_template('errors/500.html', {})


class CronHandler(RequestHandler):
    """Cron endpoints must only be hit by the App Engine scheduler."""

    def dispatch(self):
        if self.request.headers.get('X-Appengine-Cron') != 'true':
            if not common.config.is_dev_server():
                self.abort(403)
        return super(CronHandler, self).dispatch()
