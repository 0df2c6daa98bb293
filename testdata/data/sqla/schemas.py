"""Marshalling helpers. This Base is unrelated to the ORM declarative base."""


class Base(object):
    fields = ()

    def dump(self, obj):
        return dict((name, getattr(obj, name)) for name in self.fields)

    def dump_many(self, objs):
        return [self.dump(o) for o in objs]


class CustomerSchema(Base):
    fields = ('id', 'full_name')


class OrderSchema(Base):
    fields = ('id', 'customer_id', 'total_cents')
