"""CSV writing helpers (the csv module does not like unicode on 2.7)."""
import csv
import StringIO

from third_party import six


def encode_row(row):
    return [c.encode('utf-8') if isinstance(c, six.text_type) else c
            for c in row]


def to_csv(header, rows):
    buf = StringIO.StringIO()
    writer = csv.writer(buf)
    writer.writerow(encode_row(header))
    for row in rows:
        writer.writerow(encode_row(row))
    return buf.getvalue()
