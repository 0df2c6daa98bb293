class Repo(object):
    def persist(self, x):
        pass


def save(store, x):
    store.persist(x)
