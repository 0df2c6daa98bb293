import web.views
