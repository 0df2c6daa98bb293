from b import db
