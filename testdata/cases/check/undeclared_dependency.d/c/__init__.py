from b import y
