from b import y, X
