import accounts.hooks
import web.handlers
