"""The attack gate's parts: client (HTTP), watch (memory and /healthz), fixtures
(what is uploaded). The driver is e2e/attack.py."""
