"""The package list, here rather than in pyproject.toml because one package lives outside `app/`.

The data Axial ships stays in the top-level `resources/` folder of the source tree and is installed as the package
`app._resources`, so a wheel, an editable install and a frozen bundle read it the same way (`app.resources`). Its
folders are listed as packages of data, which is how setuptools wants data folders named.
"""

from setuptools import find_namespace_packages, find_packages, setup

DATA = ["app._resources", *(f"app._resources.{name}" for name in find_namespace_packages(where="resources"))]

setup(
    packages=[*find_packages(include=["app", "app.*"]), *DATA],
    package_dir={"app._resources": "resources"},
    package_data={package: ["*.md", "*.json", "*.txt", "*.svg", "*.png", "*.xml"] for package in DATA},
)
