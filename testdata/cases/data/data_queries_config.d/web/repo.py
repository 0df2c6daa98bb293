def persist(entity):
    entity.put()
