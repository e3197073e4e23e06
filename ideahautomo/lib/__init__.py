"""Small helpers shared by the apps; not an app itself."""
