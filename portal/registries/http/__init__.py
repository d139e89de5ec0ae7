"""The registers over HTTP, in the request and response shapes of the real APIs: one module
per register (brp, kvk, bag) on a shared transport (client)."""

from portal.registries.http.bag import HttpAddressRegister
from portal.registries.http.brp import HttpPersonRegister
from portal.registries.http.kvk import HttpCompanyRegister

__all__ = ["HttpAddressRegister", "HttpCompanyRegister", "HttpPersonRegister"]
