import a.models
