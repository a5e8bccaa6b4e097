"""dt-rag Phase 1-3 API re-implemented on PostgreSQL: the service the perfci pipeline measures."""

__version__ = "0.1.0"
