"""Harness of the mn_crm_sales suite: embedded PostgreSQL, databases, test layers."""
