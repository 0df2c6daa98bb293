"""License metadata for content items."""

LICENSES = {
    'cc-by-nc-sa': {
        'name': 'Creative Commons Attribution-NonCommercial-ShareAlike',
        'url': 'https://creativecommons.org/licenses/by-nc-sa/3.0/',
    },
    'cc-by': {
        'name': 'Creative Commons Attribution',
        'url': 'https://creativecommons.org/licenses/by/3.0/',
    },
    'all-rights-reserved': {
        'name': 'All rights reserved',
        'url': None,
    },
}


def describe(license_name):
    info = LICENSES.get(license_name)
    if info is None:
        return LICENSES['all-rights-reserved']
    return info


def can_embed(license_name):
    return license_name in ('cc-by-nc-sa', 'cc-by')
