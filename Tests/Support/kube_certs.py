#!/usr/bin/env python3
"""Generates a test CA, a server certificate for 127.0.0.1/localhost and a client certificate,
with the openssl CLI. `python3 kube_certs.py DIR` writes ca.crt/key, server.crt/key, client.crt/key."""
import os
import subprocess
import sys


def run(*args):
    subprocess.run(["openssl", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def generate(directory, client_cn="cert-user", client_org="devs"):
    os.makedirs(directory, exist_ok=True)
    p = lambda name: os.path.join(directory, name)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", p("ca.key"), "-out", p("ca.crt"),
        "-days", "2", "-subj", "/CN=kube-test-ca")
    with open(p("server.ext"), "w") as ext:
        ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kube.test\n"
                  "extendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", p("server.key"), "-out", p("server.csr"),
        "-subj", "/CN=kube-apiserver")
    run("x509", "-req", "-in", p("server.csr"), "-CA", p("ca.crt"), "-CAkey", p("ca.key"), "-CAcreateserial",
        "-out", p("server.crt"), "-days", "2", "-extfile", p("server.ext"))
    with open(p("client.ext"), "w") as ext:
        ext.write("extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", p("client.key"), "-out", p("client.csr"),
        "-subj", "/O=%s/CN=%s" % (client_org, client_cn))
    run("x509", "-req", "-in", p("client.csr"), "-CA", p("ca.crt"), "-CAkey", p("ca.key"), "-CAcreateserial",
        "-out", p("client.crt"), "-days", "2", "-extfile", p("client.ext"))
    return {name: p(name) for name in ("ca.crt", "ca.key", "server.crt", "server.key", "client.crt", "client.key")}


if __name__ == "__main__":
    generate(sys.argv[1])
