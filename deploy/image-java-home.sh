#!/usr/bin/env sh
# Prints the JDK on this machine whose Java release is the container image's (the Dockerfile's runtime stage,
# FROM eclipse-temurin:<release>-jre), looked up under /usr/lib/jvm; prints nothing when this machine has none.
# Used where this machine stands in for the image: bench/run.sh and ContainerImageStartIT.
#   deploy/image-java-home.sh [Dockerfile]
set -eu
dockerfile=${1:-$(dirname "$0")/../Dockerfile}
release=$(sed -n 's/^FROM eclipse-temurin:\([0-9]*\)-jre.*/\1/p' "$dockerfile" | tail -n 1)
[ -n "$release" ] || exit 0
for home in /usr/lib/jvm/*; do
  if [ -x "$home/bin/java" ] && grep -qs "^JAVA_VERSION=\"$release[.\"]" "$home/release"; then
    echo "$home"
    exit 0
  fi
done
