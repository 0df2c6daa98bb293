import web.app
