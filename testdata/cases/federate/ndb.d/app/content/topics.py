from users.models import find_user


def find_user_topics(email):
    return find_user(email)
