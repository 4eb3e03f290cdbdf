"""Aid-pledge and military-support tracker."""
