"""The professionals' home ("Vandaag", docs/domain.md): what each role has to do today,
composed from the questions each app answers. It sits in the project package, above every app
it asks, so none of them knows it."""
