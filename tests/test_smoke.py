def test_home_page_lists_public_workstreams_by_kind(client, bpf_a, dc_proposed):
    response = client.get("/")
    assert response.status_code == 200
    assert "BPF on Cybersecurity" in response.content.decode()
    assert "Dynamic Coalition on Testing" not in response.content.decode()
