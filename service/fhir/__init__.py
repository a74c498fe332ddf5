"""A read-only FHIR R4 view of the physician locator, in the Da Vinci Plan-Net shape."""
