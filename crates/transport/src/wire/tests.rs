use super::*;

fn round_trip(message: Message) -> Message {
    let mut bytes = Vec::new();
    write(&mut bytes, &message).expect("write");
    read(&mut &bytes[..]).expect("read")
}

#[test]
fn every_message_comes_back_as_sent() {
    let sheet = Sheet {
        id: "01JD0000000000000000000001".into(),
        revision: 2,
        set_id: "tra".into(),
        document: b"{\"a\":1}\n".to_vec(),
        sha256: b"abc  x.json\n".to_vec(),
        companions: vec![("sig".into(), vec![0, 1, 2, b'\n'])],
    };
    let messages = [
        Message::Hello(Hello { versions: (1, 1) }),
        Message::Start(Start { version: 1 }),
        Message::Sheet(Box::new(sheet)),
        Message::Commit,
        Message::Answer(Answer {
            index: 3,
            files: vec![FileAnswer {
                file: "sheets/tra/x".into(),
                placed: Placed::Conflict {
                    ours: "a".into(),
                    theirs: "b".into(),
                },
            }],
            failed: Some(Failure {
                problem: Problem::Full,
                message: "full".into(),
                message_vi: Some("đầy".into()),
            }),
        }),
        Message::Durable(Durable { failed: None }),
        Message::Summary(SummaryDone { error: None }),
    ];
    for m in messages {
        assert_eq!(round_trip(m.clone()), m);
    }
}

#[test]
fn a_cut_frame_reads_as_closed_and_garbage_as_garbled() {
    let mut bytes = Vec::new();
    write(&mut bytes, &Message::Start(Start { version: 1 })).expect("write");
    assert!(matches!(read(&mut &bytes[..3]), Err(WireError::Closed)));
    assert!(matches!(read(&mut &b""[..]), Err(WireError::Closed)));
    let shell = b"sh: 1: rm: not found\n";
    assert!(matches!(read(&mut &shell[..]), Err(WireError::Garbled(_))));
    let huge = [b'F', 0xff, 0xff, 0xff, 0xff];
    assert!(matches!(read(&mut &huge[..]), Err(WireError::Garbled(_))));
}

#[test]
fn a_sheet_whose_lengths_lie_is_refused() {
    let mut bytes = Vec::new();
    let sheet = Sheet {
        id: "X".into(),
        revision: 1,
        set_id: "tra".into(),
        document: b"doc".to_vec(),
        sha256: b"sum".to_vec(),
        companions: vec![],
    };
    write(&mut bytes, &Message::Sheet(Box::new(sheet))).expect("write");
    // One byte less in the payload than the header promises.
    let len = u32::from_be_bytes([bytes[1], bytes[2], bytes[3], bytes[4]]) - 1;
    bytes[1..5].copy_from_slice(&len.to_be_bytes());
    bytes.pop();
    assert!(matches!(read(&mut &bytes[..]), Err(WireError::Garbled(_))));
}

#[test]
fn the_copy_takes_the_place_of_json_and_the_signature_follows_it() {
    let doc = "01JD0000000000000000000001.r2.json";
    assert_eq!(
        ocop_export::printed::html_name(doc),
        "01JD0000000000000000000001.r2.html"
    );
    let html = companion_name(doc, "html");
    assert_eq!(html.as_deref(), Some("01JD0000000000000000000001.r2.html"));
    let sig = companion_name(doc, "sig");
    assert_eq!(
        sig.as_deref(),
        Some("01JD0000000000000000000001.r2.json.sig")
    );
    assert_eq!(
        companion_name(doc, "exe"),
        None,
        "an unknown kind is refused"
    );
}
