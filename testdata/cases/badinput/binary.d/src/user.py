import blob
