from b.internal import db
