import users.api
