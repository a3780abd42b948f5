"""The data Axial ships (frameworks, cues, the demo study, icons), installed as the package `app._resources`."""
