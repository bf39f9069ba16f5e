"""DRF views: thin, one APIView per operation (HackSoftware Django-Styleguide)."""
