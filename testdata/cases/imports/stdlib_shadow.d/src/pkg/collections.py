OrderedDict = dict
